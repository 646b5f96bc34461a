#include "ui/Composer.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QPushButton>

namespace huiji {

using namespace Qt::Literals::StringLiterals;

namespace {

// Lines the editor shows before it scrolls.
constexpr int visibleLines = 3;

} // namespace

Composer::Composer(QWidget *parent)
    : QWidget(parent), m_editor(new QPlainTextEdit(this)), m_send(new QPushButton(tr("&Send"), this))
{
    m_editor->setPlaceholderText(tr("Write a message — Enter sends, Shift+Enter starts a new line"));
    m_editor->setAccessibleName(tr("Message"));
    m_editor->setTabChangesFocus(true); // Tab moves on to Send, as in any form
    m_editor->installEventFilter(this);
    const QFontMetrics metrics(m_editor->font());
    m_editor->setFixedHeight(metrics.lineSpacing() * visibleLines + 2 * static_cast<int>(m_editor->document()->documentMargin())
                             + 2 * m_editor->frameWidth());
    m_send->setAccessibleName(tr("Send message"));
    m_send->setEnabled(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_send, 0, Qt::AlignBottom);
    setFocusProxy(m_editor);

    connect(m_send, &QPushButton::clicked, this, &Composer::submit);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &Composer::updateButton);
}

QString Composer::text() const
{
    return m_editor->toPlainText();
}

void Composer::clear()
{
    m_editor->clear();
}

void Composer::updateButton()
{
    m_send->setEnabled(!text().trimmed().isEmpty());
}

void Composer::submit()
{
    // White space around a message is an accident of typing; inside it, it is meant.
    const QString message = text().trimmed();
    if (!message.isEmpty())
        emit submitted(message);
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
            if (modifiers == Qt::NoModifier) {
                submit();
                return true;
            }
            if (modifiers == Qt::ShiftModifier) {
                m_editor->insertPlainText(u"\n"_s);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace huiji
