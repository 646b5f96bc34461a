// huiji-cli's network commands run in-process against a real in-process server, as a script runs
// them (no terminal): a first login refuses to send anything to a certificate nobody confirmed,
// each device then logs in with its own sign-in from the keychain, the sensitive commands want the
// password again, and devices are signed out (devices revoke) or sign out (logout).

#include "CliRun.h"

#include "../client/TestNetwork.h"

#include <QFile>
#include <QJsonArray>

namespace huiji {

class tst_NetCommands : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firstLoginNeedsAConfirmedCertificate();
    void laterCommandsUseTheDevicesSignIn();
    void sensitiveCommandsWantThePasswordAgain();
    void devicesAreRevoked();
    void logoutRevokesAndForgets();

private:
    // A request on the profile folder `profile`, in JSON, with the password file unless told not to.
    CliRequest request(const QString &profile, const QString &command, const QStringList &arguments = {},
                       bool withPassword = true) const;
    // register (the first profile) or login, with the server's real fingerprint.
    void logIn(const QString &profile, bool create = false);
    QString deviceIdOf(const QString &profile);
    QStringList signedInDevices(const QString &asking);

    TestSite m_site;
    QString m_passwordFile;
};

void tst_NetCommands::init()
{
    QVERIFY(m_site.start());
    m_passwordFile = m_site.path(u"alice.password"_s);
    QFile file(m_passwordFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(testPassword("alice") + '\n');
}

void tst_NetCommands::cleanup()
{
    m_site.stop();
}

CliRequest tst_NetCommands::request(const QString &profile, const QString &command, const QStringList &arguments,
                                    bool withPassword) const
{
    CliRequest request;
    request.command = command;
    request.arguments = arguments;
    request.profile = m_site.path(profile);
    request.json = true;
    if (withPassword)
        request.passwordFile = m_passwordFile;
    return request;
}

void tst_NetCommands::logIn(const QString &profile, bool create)
{
    CliRequest login = request(profile, create ? u"register"_s : u"login"_s);
    login.server = u"127.0.0.1:%1"_s.arg(m_site.server().port());
    login.user = u"alice"_s;
    login.deviceName = profile;
    login.fingerprint = m_site.server().server().fingerprint();
    const Outcome done = runCli(login);
    QVERIFY2(done.code == 0, qPrintable(done.err));
}

QString tst_NetCommands::deviceIdOf(const QString &profile)
{
    auto opened = Profile::open(m_site.path(profile));
    return opened ? (*opened)->device().id : QString();
}

QStringList tst_NetCommands::signedInDevices(const QString &asking)
{
    const Outcome listed = runCli(request(asking, u"devices"_s, {}, false));
    if (listed.code != 0)
        return {u"devices failed: "_s + listed.err};
    QStringList names;
    for (const QJsonValue &device : listed.json().value(u"devices"_s).toArray())
        if (device.toObject().value(u"signedIn"_s).toBool())
            names.append(device.toObject().value(u"name"_s).toString());
    names.sort();
    return names;
}

void tst_NetCommands::firstLoginNeedsAConfirmedCertificate()
{
    CliRequest registering = request(u"desktop"_s, u"register"_s);
    registering.server = u"127.0.0.1:%1"_s.arg(m_site.server().port());
    registering.user = u"alice"_s;

    // No terminal to ask on and no --fingerprint: refused, and nothing was sent (the account can
    // still be registered afterwards).
    Outcome refused = runCli(registering);
    QCOMPARE(refused.code, 5);
    QVERIFY2(refused.err.contains(u"--fingerprint"_s), qPrintable(refused.err));
    auto profile = Profile::open(m_site.path(u"desktop"_s));
    HUIJI_VERIFY_OK(profile);
    QVERIFY((*profile)->pinnedFingerprint().isEmpty());

    // A fingerprint that is not the server's, or not one at all.
    const QString real = m_site.server().server().fingerprint();
    registering.fingerprint = QString(real).replace(0, 2, real.startsWith(u"00"_s) ? u"11"_s : u"00"_s);
    refused = runCli(registering);
    QCOMPARE(refused.code, 5);
    registering.fingerprint = u"not a fingerprint"_s;
    QCOMPARE(runCli(registering).code, 2);

    registering.fingerprint = real;
    const Outcome registered = runCli(registering);
    QVERIFY2(registered.code == 0, qPrintable(registered.err));
    QCOMPARE(registered.json().value(u"fingerprint"_s).toString(), real);
}

void tst_NetCommands::laterCommandsUseTheDevicesSignIn()
{
    logIn(u"desktop"_s, true);
    // No password file and no terminal: only the device's own sign-in can log it in.
    const Outcome listed = runCli(request(u"desktop"_s, u"devices"_s, {}, false));
    QVERIFY2(listed.code == 0, qPrintable(listed.err));
    QCOMPARE(signedInDevices(u"desktop"_s), QStringList{u"desktop"_s});

    // login asks for the password whatever the keychain holds: a wrong one is refused.
    QFile wrong(m_site.path(u"wrong.password"_s));
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write("not alice's password\n");
    wrong.close();
    CliRequest again = request(u"desktop"_s, u"login"_s);
    again.passwordFile = wrong.fileName();
    again.server = u"127.0.0.1:%1"_s.arg(m_site.server().port());
    again.user = u"alice"_s;
    QCOMPARE(runCli(again).code, 3);
    QCOMPARE(signedInDevices(u"desktop"_s), QStringList{u"desktop"_s}); // still signed in
}

void tst_NetCommands::sensitiveCommandsWantThePasswordAgain()
{
    logIn(u"desktop"_s, true);
    const QList<QStringList> sensitive = {{u"storage-terminal"_s, u"set"_s},
                                          {u"storage-terminal"_s, u"clear"_s},
                                          {u"archive"_s, u"on"_s}};
    for (const QStringList &command : sensitive) {
        CliRequest bare = request(u"desktop"_s, command.first(), command.mid(1), false);
        bare.thisDevice = true;
        const Outcome refused = runCli(bare);
        QCOMPARE(refused.code, 2);
        QVERIFY2(refused.err.contains(u"password again"_s), qPrintable(refused.err));
    }
    const Outcome shown = runCli(request(u"desktop"_s, u"storage-terminal"_s, {u"show"_s}, false));
    QVERIFY2(shown.code == 0, qPrintable(shown.err));
    QVERIFY(shown.json().value(u"terminals"_s).toArray().isEmpty());

    CliRequest set = request(u"desktop"_s, u"storage-terminal"_s, {u"set"_s});
    set.thisDevice = true;
    const Outcome done = runCli(set);
    QVERIFY2(done.code == 0, qPrintable(done.err));
    QCOMPARE(done.json().value(u"role"_s).toString(), u"primary"_s);
}

void tst_NetCommands::devicesAreRevoked()
{
    logIn(u"desktop"_s, true);
    logIn(u"laptop"_s);
    logIn(u"phone"_s);
    QCOMPARE(signedInDevices(u"laptop"_s), (QStringList{u"desktop"_s, u"laptop"_s, u"phone"_s}));

    QCOMPARE(runCli(request(u"laptop"_s, u"devices"_s, {u"revoke"_s, deviceIdOf(u"desktop"_s)}, false)).code, 2);
    const Outcome revoked = runCli(request(u"laptop"_s, u"devices"_s, {u"revoke"_s, deviceIdOf(u"desktop"_s)}));
    QVERIFY2(revoked.code == 0, qPrintable(revoked.err));
    QCOMPARE(revoked.json().value(u"revoked"_s).toInt(), 1);
    QCOMPARE(signedInDevices(u"laptop"_s), (QStringList{u"laptop"_s, u"phone"_s}));
    // The desktop's sign-in is refused now; without a password it cannot log in.
    QCOMPARE(runCli(request(u"desktop"_s, u"devices"_s, {}, false)).code, 3);

    CliRequest others = request(u"laptop"_s, u"devices"_s, {u"revoke"_s});
    others.others = true;
    const Outcome all = runCli(others);
    QVERIFY2(all.code == 0, qPrintable(all.err));
    QCOMPARE(signedInDevices(u"laptop"_s), QStringList{u"laptop"_s});
}

void tst_NetCommands::logoutRevokesAndForgets()
{
    logIn(u"desktop"_s, true);
    logIn(u"laptop"_s);
    const Outcome out = runCli(request(u"laptop"_s, u"logout"_s, {}, false));
    QVERIFY2(out.code == 0, qPrintable(out.err));
    QCOMPARE(out.json().value(u"revoked"_s).toBool(), true);
    auto laptop = Profile::open(m_site.path(u"laptop"_s));
    HUIJI_VERIFY_OK(laptop);
    QVERIFY(!Session(**laptop).hasCredential());
    QCOMPARE(signedInDevices(u"desktop"_s), QStringList{u"desktop"_s});
    // Logged out, the laptop needs the password again; given it, it is back.
    QCOMPARE(runCli(request(u"laptop"_s, u"devices"_s, {}, false)).code, 2);
    logIn(u"laptop"_s);
    QCOMPARE(signedInDevices(u"desktop"_s), (QStringList{u"desktop"_s, u"laptop"_s}));
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_NetCommands)
#include "tst_netcommands.moc"
