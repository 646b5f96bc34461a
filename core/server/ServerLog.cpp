#include "server/ServerLog.h"

Q_LOGGING_CATEGORY(lcServer, "huiji.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerAuth, "huiji.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerRelay, "huiji.server.relay", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerNet, "huiji.server.net", QtInfoMsg)
