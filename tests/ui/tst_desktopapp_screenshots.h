#pragma once

// The screenshot mode of issue 4 for tst_desktopapp: one language's login dialog, certificate
// prompts, main window, settings and history viewer, with realistic data. alice has a desktop
// (this client, her storage terminal), a laptop and a phone; she talks with bob and 王芳 today,
// and the demo histories of resources/demo, moved onto the same devices, are her earlier days.

#include "TestNetwork.h"

#include "DesktopApp.h"

#include "ui/CertificateDialog.h"
#include "ui/ConversationPane.h"
#include "ui/ConversationModel.h"
#include "ui/DeviceTableModel.h"
#include "ui/HistoryTimelineModel.h"
#include "ui/HistoryViewer.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/StorageTerminalPage.h"
#include "ui/TimelineListView.h"

#include "protocol/HistoryFile.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>

namespace huiji {

class DesktopScreenshots
{
public:
    DesktopScreenshots(const QDir &out, const QString &language, Translations &translations)
        : m_out(out), m_language(language), m_translations(translations)
    {
    }

    QStringList files() const { return m_files; }

    void take()
    {
        QVERIFY(m_directory.isValid());
        m_server = std::make_unique<TestServer>(m_directory.filePath(u"server"_s));
        QVERIFY(m_server->start());
        setUpPeople();
        if (QTest::currentTestFailed())
            return;
        auto profile = Profile::open(m_directory.filePath(u"desktop"_s));
        HUIJI_VERIFY_OK(profile);
        (*profile)->setDeviceName(u"Desktop"_s);
        importDemo(**profile);
        if (QTest::currentTestFailed())
            return;
        DesktopApp app(**profile, m_translations);
        app.session().setRetryDelays(50, 400);
        app.start();
        logIn(app);
        if (QTest::currentTestFailed())
            return;
        talk(app);
        if (QTest::currentTestFailed())
            return;
        shootWindows(app);
        CertificateDialog changed(CertificateDialog::Kind::Changed, u"chat.example.org"_s, m_server->server().fingerprint(),
                                  u"5E:0C:9A:41:D2:77:1B:E8:60:3F:A4:C9:12:8D:F0:6B:"
                                  "33:9E:D5:07:BA:48:C1:6F:E2:95:0D:7A:14:B3:58:CC"_s);
        save(changed, u"certificate-changed"_s);
    }

private:
    std::unique_ptr<TestDevice> device(const QString &folder, const QString &name, const QString &user)
    {
        return std::make_unique<TestDevice>(m_directory.filePath(folder), name, user, m_server->port());
    }

    void setUpPeople()
    {
        m_laptop = device(u"laptop"_s, u"Laptop"_s, u"alice"_s);
        m_phone = device(u"phone"_s, u"Phone"_s, u"alice"_s);
        m_bob = device(u"bob"_s, u"Bob's PC"_s, u"bob"_s);
        m_wang = device(u"wang"_s, u"王芳的笔记本"_s, u"王芳"_s);
        m_carol = device(u"carol"_s, u"Carol's Mac"_s, u"carol"_s);
        QVERIFY(m_laptop->logIn(m_password, true));
        QVERIFY(m_phone->logIn(m_password));
        for (TestDevice *other : {m_bob.get(), m_wang.get(), m_carol.get()})
            QVERIFY(other->logIn(m_password, true));
        makeContacts(*m_laptop, *m_bob);
        makeContacts(*m_wang, *m_laptop);
        HUIJI_VERIFY_OK(m_carol->ask(wire::contactAdd, QCborMap{{u"user"_s, u"alice"_s}})); // a request waits
    }

    // The demo histories, with their devices replaced by this run's, so that the earlier days and
    // today carry the same three labels.
    void importDemo(Profile &profile)
    {
        const QHash<QString, DeviceInfo> devices = {
            {u"3f6c1a52-9a1e-4c7e-8f2a-1d0c5e7b9a01"_s, profile.device()},
            {u"8b2d4e61-7c3f-4a9b-b1e5-2f6a8c0d4e12"_s, m_laptop->profile().device()},
            {u"c4e7f812-5d6a-4b3c-9e8f-3a1b2c4d5e23"_s, m_phone->profile().device()},
        };
        for (const QString &name : {u"desktop"_s, u"laptop"_s, u"phone"_s}) {
            QFile file(QStringLiteral(HUIJI_SOURCE_DIR "/resources/demo/%1.json").arg(name));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            auto history = HistoryFile::fromJson(file.readAll());
            HUIJI_VERIFY_OK(history);
            for (Record &record : history->records) {
                QVERIFY(devices.contains(record.originDevice));
                record.originDevice = devices.value(record.originDevice).id;
            }
            HUIJI_VERIFY_OK(profile.history().merge(history->records, devices.values()));
        }
    }

    void logIn(DesktopApp &app)
    {
        LoginDialog *dialog = app.loginDialog();
        QVERIFY(dialog);
        const auto field = [dialog](const QString &name) { return dialog->findChild<QLineEdit *>(name); };
        // What a user would type; the test server's address goes in after the picture.
        QTest::keyClicks(field(u"server"_s), u"chat.example.org"_s);
        QTest::keyClicks(field(u"user"_s), u"alice"_s);
        QTest::keyClicks(field(u"password"_s), QString::fromUtf8(m_password));
        save(*dialog, u"login"_s);
        field(u"server"_s)->setText(u"127.0.0.1:%1"_s.arg(m_server->port()));
        QTest::keyClick(field(u"password"_s), Qt::Key_Return);
        CertificateDialog *notice = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((notice = dialog->findChild<CertificateDialog *>()), networkTimeoutMs);
        save(*notice, u"certificate-first-use"_s);
        notice->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!app.loginDialog() && app.mainWindow(), networkTimeoutMs);
        std::optional<Result<QCborMap>> chosen;
        app.session().request(wire::terminalSet, withPassword(QCborMap{{u"role"_s, u"primary"_s}}, m_password),
                              [&](Result<QCborMap> answer) { chosen = std::move(answer); });
        QTRY_VERIFY_WITH_TIMEOUT(chosen.has_value(), networkTimeoutMs);
        HUIJI_VERIFY_OK(*chosen);
        QTRY_VERIFY(app.session().isStorageTerminal());
    }

    // Today's conversation, written on alice's laptop and phone and by the others; the desktop
    // gathers all of it.
    void talk(DesktopApp &app)
    {
        QSignalSpy merged(&app.session(), &Session::recordsMerged);
        const struct {
            TestDevice *from;
            QString to;
            QString text;
        } lines[] = {
            {m_laptop.get(), u"bob"_s, u"Bob, are the release notes for 0.2 ready?"_s},
            {m_bob.get(), u"alice"_s, u"快好了，十分钟后发给你。"_s},
            {m_phone.get(), u"王芳"_s, u"王芳，下午三点的评审改到四点了。"_s},
            {m_wang.get(), u"alice"_s, u"收到，谢谢！我会通知大家。"_s},
            {m_phone.get(), u"bob"_s, u"On the train now — I'll read them on my phone."_s},
            {m_bob.get(), u"alice"_s, u"Done: release-notes-0.2.md is in the shared folder 📄"_s},
        };
        for (const auto &line : lines) {
            QSignalSpy stored(&line.from->session(), &Session::messageStored);
            HUIJI_VERIFY_OK(line.from->session().sendMessage(line.to, line.text));
            QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, networkTimeoutMs);
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                qsizetype records = 0;
                for (const QList<QVariant> &arguments : std::as_const(merged))
                    records += arguments.first().value<QList<Record>>().size();
                return records >= qsizetype(std::size(lines));
            }(),
            networkTimeoutMs);
    }

    void shootWindows(DesktopApp &app)
    {
        MainWindow &window = *app.mainWindow();
        window.resize(1000, 660);
        window.openConversation(u"bob"_s);
        QTRY_VERIFY(window.conversation()->model()->rowCount() >= 6);
        save(window, u"main-window"_s);

        app.openSettings();
        SettingsDialog *settings = app.settingsDialog();
        QVERIFY(settings);
        settings->resize(920, 620);
        StorageTerminalPage &page = *settings->storageTerminalPage();
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() == 3 && !page.isBusy(), networkTimeoutMs);
        save(*settings, u"settings"_s);
        settings->close();

        app.openHistory();
        HistoryViewer &viewer = *app.historyViewer();
        viewer.resize(1120, 720);
        viewer.openConversation(u"alice"_s, u"bob"_s);
        QTRY_VERIFY(viewer.timelineView()->model()->rowCount() >= 10);
        save(viewer, u"history"_s);
    }

    void save(QWidget &widget, const QString &name)
    {
        if (!widget.isVisible())
            widget.show();
        // Pending layouts and the header's delayed resizing, so that the picture is what a user sees.
        QTest::qWait(200);
        const QString path = m_out.filePath(u"%1-%2.png"_s.arg(name, m_language));
        QVERIFY2(widget.grab().save(path), qPrintable(path));
        m_files.append(path);
    }

    QDir m_out;
    QString m_language;
    Translations &m_translations;
    QTemporaryDir m_directory;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestDevice> m_laptop, m_phone, m_bob, m_wang, m_carol;
    QStringList m_files;
    const QByteArray m_password = "screenshots-" + QByteArray::number(QRandomGenerator::global()->generate());
};

} // namespace huiji
