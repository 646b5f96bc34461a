#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>

#include <algorithm>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

const QString languageKey = u"ui/language"_s;

// Compiled in first; then a folder beside the installed program, so that a translation can be
// tried without rebuilding.
QStringList huijiDirectories()
{
    return {u":/i18n"_s, QDir(QCoreApplication::applicationDirPath()).filePath(u"../share/huiji/translations"_s)};
}

} // namespace

Translations::~Translations()
{
    remove();
}

QString Translations::savedLanguage()
{
    return QSettings().value(languageKey).toString();
}

void Translations::saveLanguage(const QString &code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(languageKey);
    else
        settings.setValue(languageKey, code);
}

void Translations::apply(const QString &code)
{
    remove();
    m_code = code;
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    QLocale::setDefault(locale);
    // Qt's own strings (standard buttons, context menus); none is needed for English.
    if (m_qt.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    // Huiji's; a language without a translation falls back to English, whose file holds the
    // plural forms of the source strings ("%n message(s)").
    const auto load = [this](const QLocale &wanted) {
        const QStringList directories = huijiDirectories();
        return std::ranges::any_of(directories, [&](const QString &directory) {
            return m_huiji.load(wanted, u"huiji"_s, u"_"_s, directory);
        });
    };
    if (load(locale) || load(QLocale(QLocale::English)))
        QCoreApplication::installTranslator(&m_huiji);
    m_installed = true;
}

void Translations::remove()
{
    if (!m_installed)
        return;
    QCoreApplication::removeTranslator(&m_huiji);
    QCoreApplication::removeTranslator(&m_qt);
    m_installed = false;
}

} // namespace huiji
