#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace huiji {

// The server-certificate prompt (DESIGN.md, The wire: clients pin the server's fingerprint on
// first use and refuse a changed one unless the user accepts it). Both come before anything is
// sent: FirstUse shows the certificate of a server met for the first time and asks whether to
// trust it; Changed warns and asks whether to trust the new certificate. The dialog only asks:
// accepted() means trust, and the caller tells the session.
class CertificateDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Kind { FirstUse, Changed };

    // For FirstUse, pinned is empty and presented is the fingerprint to trust.
    CertificateDialog(Kind kind, const QString &server, const QString &pinned, const QString &presented,
                      QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString presented() const { return m_presented; }

    // "AB:CD:…" (as huijid and huiji-cli print it) in groups of four hex digits, eight a line,
    // so that two fingerprints can be compared group by group.
    static QString formatFingerprint(const QString &fingerprint);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    QLabel *fingerprintLabel(const QString &fingerprint);

    Kind m_kind;
    QString m_server;
    QString m_presented;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_explanation;
    QLabel *m_pinnedCaption = nullptr;
    QLabel *m_presentedCaption;
    QLabel *m_pinnedValue = nullptr;
    QLabel *m_presentedValue;
    QLabel *m_advice;
    QPushButton *m_trust;
    QPushButton *m_cancel;
};

} // namespace huiji
