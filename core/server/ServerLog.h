#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)      // start, stop, database
Q_DECLARE_LOGGING_CATEGORY(lcServerAuth)  // registration, logins, throttling (never passwords or tokens)
Q_DECLARE_LOGGING_CATEGORY(lcServerRelay) // relay, holds and deliveries (never message bodies)
Q_DECLARE_LOGGING_CATEGORY(lcServerNet)   // connections and frames
