#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace huiji {

// Settings → General: the language of the client. The page only reports the choice
// (languageChosen); loading the translation is the application's business.
class GeneralPage : public QWidget
{
    Q_OBJECT

public:
    explicit GeneralPage(QWidget *parent = nullptr);

    // Shows a language as chosen without reporting it: "" (the system's), "en" or "zh_CN". A code
    // the page does not offer shows as the system's.
    void setLanguage(const QString &code);
    QString language() const;

signals:
    void languageChosen(const QString &code); // empty: follow the system

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_languageLabel;
    QComboBox *m_language;
    QLabel *m_hint;
};

} // namespace huiji
