#pragma once

#include <QWidget>

class QPlainTextEdit;
class QPushButton;

namespace huiji {

// Where a message is written: Enter sends, Shift+Enter breaks the line, and the Send button sends
// too. It only says what to send (submitted); whoever sends it clears the composer once the
// message is safely written, so a message that could not be written is not lost. It works the
// same offline: the session keeps what is written in its outbox.
class Composer : public QWidget
{
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

    QString text() const;
    void clear();
    QPlainTextEdit *editor() const { return m_editor; }

signals:
    void submitted(const QString &text); // never empty or only white space

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();
    void updateButton();

    QPlainTextEdit *m_editor;
    QPushButton *m_send;
};

} // namespace huiji
