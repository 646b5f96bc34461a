#pragma once

#include <QString>
#include <QTranslator>

namespace huiji {

// The application's translators: Qt's own strings (qtbase_<language> from Qt's translations) and
// Huiji's (huiji_<language>.qm, compiled in under ":/i18n" or dropped beside the installed
// program). The language follows the system unless one was chosen in the settings and saved.
class Translations
{
public:
    Translations() = default;
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;
    ~Translations();

    // The chosen language code ("en", "zh_CN"), or empty to follow the system.
    static QString savedLanguage();
    static void saveLanguage(const QString &code);

    // Replaces the installed translators with those of this language (empty: the system's) and
    // makes it the default locale, for dates and numbers too. Open widgets are sent LanguageChange.
    void apply(const QString &code);
    QString language() const { return m_code; }

private:
    void remove();

    QString m_code;
    QTranslator m_qt;
    QTranslator m_huiji;
    bool m_installed = false;
};

} // namespace huiji
