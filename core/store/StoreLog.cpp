#include "store/StoreLog.h"

Q_LOGGING_CATEGORY(lcStore, "huiji.core.store", QtInfoMsg)
