#include "client/ClientLog.h"

Q_LOGGING_CATEGORY(lcClient, "huiji.core.client", QtInfoMsg)
