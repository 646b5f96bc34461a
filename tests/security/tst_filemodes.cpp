// What holds an account's history, keys or credentials is the user's alone on both sides, whatever
// the umask: a profile folder (0700) and every file in it (0600), databases and their -wal and
// -shm files included, and the server's data folder with its database and private key. Folders
// and files an older version left open are narrowed when they are opened again.

#include "client/Profile.h"
#include "server/net/Server.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// The permission bits as `ls -l` shows them in octal: 0700, 0600...
int modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 0777);
}

// "name: mode" for the folder and each file in it, every file below it included.
QStringList modesUnder(const QString &folder)
{
    QStringList modes{u".: %1"_s.arg(modeOf(folder), 0, 8)};
    QDirIterator files(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        modes.append(u"%1: %2"_s.arg(QDir(folder).relativeFilePath(path)).arg(modeOf(path), 0, 8));
    }
    modes.sort();
    return modes;
}

} // namespace

class tst_FileModes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void profileIsTheUsersAlone();
    void olderProfileIsNarrowed();
    void serverDataIsTheServersAlone();

private:
    mode_t m_umask = 0;
};

void tst_FileModes::initTestCase()
{
    m_umask = ::umask(0); // the most open umask there is: nothing is left to it
}

void tst_FileModes::cleanupTestCase()
{
    ::umask(m_umask);
}

void tst_FileModes::profileIsTheUsersAlone()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString folder = directory.filePath(u"profiles/alice"_s);
    auto profile = Profile::open(folder);
    QVERIFY2(profile, profile ? "" : qPrintable(profile.error().message));
    (*profile)->setServer(u"127.0.0.1"_s, 7468, u"alice"_s);

    const QStringList modes = modesUnder(folder);
    // The folder, profile.ini and the history store (which holds the outbox and forward queue).
    QVERIFY2(modes.size() >= 3, qPrintable(modes.join(u", "_s)));
    QVERIFY2(modes.contains(u"history.sqlite: 600"_s), qPrintable(modes.join(u", "_s)));
    for (const QString &mode : modes)
        QVERIFY2(mode.endsWith(mode.startsWith(u".:"_s) ? u": 700"_s : u": 600"_s), qPrintable(mode));
}

void tst_FileModes::olderProfileIsNarrowed()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString folder = directory.filePath(u"old"_s);
    QVERIFY(QDir().mkpath(folder));
    QFile history(QDir(folder).filePath(u"history.sqlite"_s));
    QVERIFY(history.open(QIODevice::WriteOnly)); // an empty database, as SQLite takes one
    history.close();
    QCOMPARE(modeOf(folder), 0777);
    QCOMPARE(modeOf(history.fileName()), 0666);

    auto profile = Profile::open(folder);
    QVERIFY2(profile, profile ? "" : qPrintable(profile.error().message));
    for (const QString &mode : modesUnder(folder))
        QVERIFY2(mode.endsWith(mode.startsWith(u".:"_s) ? u": 700"_s : u": 600"_s), qPrintable(mode));
}

void tst_FileModes::serverDataIsTheServersAlone()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    ServerConfig config;
    config.dataDirectory = directory.filePath(u"huijid"_s);
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    auto server = Server::start(config);
    QVERIFY2(server, server ? "" : qPrintable(server.error().message));
    QCOMPARE((*server)->connectionCount(), 0); // the hub has opened the database and written its schema

    const QStringList modes = modesUnder(config.dataDirectory);
    QVERIFY2(modes.contains(u".: 700"_s), qPrintable(modes.join(u", "_s)));
    QVERIFY2(modes.contains(u"server.sqlite: 600"_s), qPrintable(modes.join(u", "_s)));
    QVERIFY2(modes.contains(u"server.key: 600"_s), qPrintable(modes.join(u", "_s)));
    for (const QString &mode : modes)
        if (mode.startsWith(u"server.sqlite"_s))
            QVERIFY2(mode.endsWith(u": 600"_s), qPrintable(mode));
}

} // namespace huiji

QTEST_GUILESS_MAIN(huiji::tst_FileModes)
#include "tst_filemodes.moc"
