#include "sql/SqlLog.h"

Q_LOGGING_CATEGORY(lcSql, "huiji.core.sql", QtInfoMsg)
