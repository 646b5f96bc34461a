// huijid's options: the config file gives defaults, the command line overrides them, and every
// limit out of its range is named in the error.

#include "ServerOptions.h"

#include <QCommandLineParser>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

class tst_ServerOptions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void defaultsWithoutAConfigFile();
    void commandLineOverridesTheFile();
    void limitsComeFromTheFile();
    void everyWrongLimitIsNamed();
    void wrongCommandLineValuesAreRefused();

private:
    // Parses huijid's command line with the data folder of this test and `arguments`.
    Result<ServerConfig> read(const QStringList &arguments = {});
    void writeConfig(const QList<std::pair<QString, QVariant>> &values);

    std::unique_ptr<QTemporaryDir> m_data;
};

void tst_ServerOptions::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid());
}

Result<ServerConfig> tst_ServerOptions::read(const QStringList &arguments)
{
    QCommandLineParser parser;
    const ServerOptions options(parser);
    if (!parser.parse(QStringList{u"huijid"_s, u"--data"_s, m_data->path()} + arguments))
        return fail(ErrorCode::InvalidArgument, parser.errorText());
    return options.read();
}

void tst_ServerOptions::writeConfig(const QList<std::pair<QString, QVariant>> &values)
{
    QSettings file(m_data->filePath(u"huijid.conf"_s), QSettings::IniFormat);
    for (const auto &[key, value] : values)
        file.setValue(u"server/"_s + key, value);
    file.sync();
    QCOMPARE(file.status(), QSettings::NoError);
}

void tst_ServerOptions::defaultsWithoutAConfigFile()
{
    const auto config = read();
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    const ServerConfig defaults;
    QCOMPARE(config->dataDirectory, m_data->path());
    QCOMPARE(config->port, defaults.port);
    QCOMPARE(config->address, QHostAddress(u"0.0.0.0"_s));
    QVERIFY(config->registrationOpen);
    QCOMPARE(config->maxMessageBytes, defaults.maxMessageBytes);
    QCOMPARE(config->heldRecords, defaults.heldRecords);
    QCOMPARE(config->heldBytes, defaults.heldBytes);
    QCOMPARE(config->throttle.windowMs, defaults.throttle.windowMs);
    QCOMPARE(config->passwordWork.queue, defaults.passwordWork.queue);
}

void tst_ServerOptions::commandLineOverridesTheFile()
{
    writeConfig({{u"port"_s, 7400}, {u"registration"_s, u"closed"_s}, {u"retention-days"_s, 9}});
    const auto config = read({u"--port"_s, u"7500"_s, u"--listen"_s, u"127.0.0.1"_s});
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->port, quint16{7500});
    QCOMPARE(config->address, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(!config->registrationOpen);
    QCOMPARE(config->retentionDays, 9);
}

void tst_ServerOptions::limitsComeFromTheFile()
{
    writeConfig({{u"held-records"_s, 1000}, {u"held-mib"_s, 3}, {u"login-window-minutes"_s, 2},
                 {u"login-first-delay-seconds"_s, 0}, {u"ping-after-seconds"_s, 45}});
    const auto config = read();
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->heldRecords, qint64{1000});
    QCOMPARE(config->heldBytes, qint64{3} << 20);
    QCOMPARE(config->throttle.windowMs, qint64{2 * 60'000});
    QCOMPARE(config->throttle.firstDelayMs, qint64{0}); // 0 turns the delays off
    QCOMPARE(config->idleTimeoutMs, 45'000);
}

void tst_ServerOptions::everyWrongLimitIsNamed()
{
    writeConfig({{u"request-burst"_s, 0}, {u"login-window-minutes"_s, 0}, {u"password-threads"_s, u"many"_s},
                 {u"held-records"_s, -5}});
    const auto config = read();
    QVERIFY(!config);
    QCOMPARE(config.error().code, ErrorCode::InvalidArgument);
    for (const QString &key : {u"request-burst"_s, u"login-window-minutes"_s, u"password-threads"_s, u"held-records"_s})
        QVERIFY2(config.error().message.contains(u"server/"_s + key), qPrintable(config.error().message));
    QVERIFY2(!config.error().message.contains(u"held-mib"_s), qPrintable(config.error().message));
}

// A frame that cannot carry the largest message, and a retention of no days.
void tst_ServerOptions::wrongCommandLineValuesAreRefused()
{
    const auto config = read({u"--max-message-bytes"_s, u"100000"_s, u"--max-frame-bytes"_s, u"100000"_s});
    QVERIFY(!config);
    QVERIFY2(config.error().message.contains(u"max-message-bytes"_s), qPrintable(config.error().message));
    const auto retention = read({u"--retention-days"_s, u"0"_s});
    QVERIFY(!retention);
    QVERIFY2(retention.error().message.contains(u"--retention-days"_s), qPrintable(retention.error().message));
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_ServerOptions)
#include "tst_serveroptions.moc"
