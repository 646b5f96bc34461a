#include "ui/GeneralPage.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

GeneralPage::GeneralPage(QWidget *parent)
    : QWidget(parent), m_languageLabel(new QLabel(this)), m_language(new QComboBox(this)), m_hint(new QLabel(this))
{
    // Each language is named in itself, not translated: whoever cannot read the current one
    // still finds their own.
    m_language->addItem(QString(), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"简体中文"_s, u"zh_CN"_s);
    m_languageLabel->setBuddy(m_language);
    m_hint->setWordWrap(true);

    auto *layout = new QFormLayout(this);
    layout->addRow(m_languageLabel, m_language);
    layout->addRow(QString(), m_hint);

    connect(m_language, &QComboBox::currentIndexChanged, this, [this] { emit languageChosen(language()); });
    retranslate();
}

void GeneralPage::setLanguage(const QString &code)
{
    const QSignalBlocker quiet(m_language);
    const int item = m_language->findData(code);
    m_language->setCurrentIndex(item < 0 ? 0 : item);
}

QString GeneralPage::language() const
{
    return m_language->currentData().toString();
}

void GeneralPage::retranslate()
{
    m_languageLabel->setText(tr("&Language:"));
    m_language->setItemText(0, tr("System default"));
    m_language->setAccessibleName(tr("Language"));
    m_hint->setText(tr("Huiji follows the language of the system unless you choose one here."));
}

void GeneralPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace huiji
