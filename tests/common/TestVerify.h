#pragma once

// Shared by the test suites that check Result<T> values (client, server, ui).

#include <QTest>

// Fails the current test with the error's message unless the result holds a value; evaluates its
// argument once, as it is often a request.
#define HUIJI_VERIFY_OK(result)                                                                      \
    do {                                                                                             \
        const auto &checked = (result);                                                              \
        QVERIFY2(bool(checked), bool(checked) ? "" : qPrintable(checked.error().message));           \
    } while (false)
