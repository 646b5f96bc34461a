#include "ui/CertificateDialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

CertificateDialog::CertificateDialog(Kind kind, const QString &server, const QString &pinned,
                                     const QString &presented, QWidget *parent)
    : QDialog(parent), m_kind(kind), m_server(server), m_presented(presented), m_icon(new QLabel(this)),
      m_title(new QLabel(this)), m_explanation(new QLabel(this)), m_presentedCaption(new QLabel(this)),
      m_advice(new QLabel(this))
{
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    m_icon->setPixmap(style()
                          ->standardIcon(kind == Kind::Changed ? QStyle::SP_MessageBoxWarning
                                                               : QStyle::SP_MessageBoxInformation,
                                         nullptr, this)
                          .pixmap(iconSize, iconSize));
    m_icon->setAlignment(Qt::AlignTop);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_explanation->setWordWrap(true);
    m_advice->setWordWrap(true);

    auto *fingerprints = new QGridLayout;
    fingerprints->setColumnStretch(1, 1);
    int row = 0;
    if (kind == Kind::Changed) {
        m_pinnedCaption = new QLabel(this);
        m_pinnedValue = fingerprintLabel(pinned);
        fingerprints->addWidget(m_pinnedCaption, row, 0, Qt::AlignTop);
        fingerprints->addWidget(m_pinnedValue, row++, 1);
    }
    m_presentedValue = fingerprintLabel(presented);
    fingerprints->addWidget(m_presentedCaption, row, 0, Qt::AlignTop);
    fingerprints->addWidget(m_presentedValue, row, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_trust = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    // Trusting a changed certificate is the risky answer, so Enter must not give it.
    (kind == Kind::Changed ? m_cancel : m_trust)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_explanation);
    text->addLayout(fingerprints);
    text->addWidget(m_advice);
    auto *body = new QHBoxLayout;
    body->addWidget(m_icon, 0, Qt::AlignTop);
    body->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body);
    layout->addWidget(buttons);

    retranslate();
    (kind == Kind::Changed ? m_cancel : m_trust)->setFocus();
}

QString CertificateDialog::formatFingerprint(const QString &fingerprint)
{
    QString hex = fingerprint;
    hex.remove(u':').remove(u' ');
    hex = hex.toUpper();
    QString formatted;
    for (qsizetype i = 0; i < hex.size(); i += 4) {
        if (i > 0)
            formatted += (i % 32 == 0) ? u'\n' : u' ';
        formatted += hex.mid(i, 4);
    }
    return formatted;
}

QLabel *CertificateDialog::fingerprintLabel(const QString &fingerprint)
{
    auto *label = new QLabel(formatFingerprint(fingerprint), this);
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Selectable so that it can be copied and compared with what the operator sent.
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setFocusPolicy(Qt::StrongFocus);
    return label;
}

void CertificateDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void CertificateDialog::retranslate()
{
    if (m_kind == Kind::Changed) {
        setWindowTitle(tr("Server certificate changed"));
        m_title->setText(tr("The certificate of %1 has changed").arg(m_server));
        m_explanation->setText(
            tr("The server presented a different certificate from the one Huiji trusted before. This happens "
               "when a server is reinstalled or its certificate is replaced, but it is also what you would see "
               "if someone were intercepting the connection. Nothing has been sent to the server."));
        m_pinnedCaption->setText(tr("Trusted until now:"));
        m_presentedCaption->setText(tr("Presented now:"));
        m_advice->setText(tr("Trust the new certificate only if the server's operator confirms that its "
                             "fingerprint is the one shown here."));
        m_trust->setText(tr("&Trust the new certificate"));
        m_cancel->setText(tr("Cancel"));
        m_pinnedValue->setAccessibleName(tr("Fingerprint trusted until now"));
        m_presentedValue->setAccessibleName(tr("Fingerprint presented now"));
    } else {
        setWindowTitle(tr("New server certificate"));
        m_title->setText(tr("First connection to %1").arg(m_server));
        m_explanation->setText(
            tr("Huiji has not connected to this server before. Nothing has been sent to it yet: your password "
               "goes only once you trust this certificate, and Huiji warns you if it ever changes."));
        m_presentedCaption->setText(tr("Fingerprint:"));
        m_advice->setText(tr("Compare it with the fingerprint the server's operator gives you (huijid "
                             "fingerprint prints it). If they differ, do not go on."));
        m_trust->setText(tr("&Trust and log in"));
        m_cancel->setText(tr("Cancel"));
        m_presentedValue->setAccessibleName(tr("Fingerprint of the server's certificate"));
    }
    m_trust->setAccessibleName(m_trust->text().remove(u'&'));
    m_cancel->setAccessibleName(m_cancel->text().remove(u'&'));
}

} // namespace huiji
