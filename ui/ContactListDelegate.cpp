#include "ui/ContactListDelegate.h"

#include "ui/ChatStyle.h"
#include "ui/ContactListModel.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>

namespace huiji {

namespace {

constexpr int padding = 8;
constexpr int avatarSize = 36;
constexpr int dotSize = 11;

} // namespace

QString ContactListDelegate::activityText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDate day = time.date();
    const QDate today = QDate::currentDate();
    const QLocale locale;
    if (day == today)
        return chatStyle::shortTime(time.time());
    if (day == today.addDays(-1))
        return tr("Yesterday");
    if (day > today.addDays(-7) && day < today)
        return locale.dayName(day.dayOfWeek(), QLocale::ShortFormat);
    return locale.toString(day, QLocale::ShortFormat);
}

QSize ContactListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics metrics(option.font);
    return {avatarSize + 8 * padding, std::max(avatarSize, 2 * metrics.height() + 4) + 2 * padding};
}

void ContactListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget); // selection, hover, focus

    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QPalette &palette = option.palette;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor quiet = selected ? text : palette.color(QPalette::PlaceholderText);
    const auto kind = static_cast<ContactListModel::Kind>(index.data(ContactListModel::KindRole).toInt());
    const QString user = index.data(ContactListModel::UserRole).toString();
    const int unread = index.data(ContactListModel::UnreadRole).toInt();
    const QRect rect = option.rect.adjusted(padding, padding, -padding, -padding);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // The avatar: the first letter of the name on a tint of the highlight.
    const QRect avatar(rect.left(), rect.center().y() - avatarSize / 2, avatarSize, avatarSize);
    painter->setPen(Qt::NoPen);
    painter->setBrush(chatStyle::tint(palette.color(QPalette::Base), palette.color(QPalette::Highlight), 0.3f));
    painter->drawEllipse(avatar);
    QFont initialFont = option.font;
    initialFont.setBold(true);
    painter->setFont(initialFont);
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(avatar, Qt::AlignCenter, user.left(1).toUpper());
    if (kind == ContactListModel::Kind::Contact) {
        const bool online = index.data(ContactListModel::OnlineRole).toBool();
        const QRectF dot(avatar.right() - dotSize + 2, avatar.bottom() - dotSize + 2, dotSize, dotSize);
        painter->setPen(QPen(palette.color(selected ? QPalette::Highlight : QPalette::Base), 2));
        painter->setBrush(online ? palette.color(QPalette::Highlight) : palette.color(QPalette::Base));
        painter->drawEllipse(dot);
        if (!online) {
            painter->setPen(QPen(palette.color(QPalette::PlaceholderText), 1.5));
            painter->setBrush(Qt::NoBrush);
            painter->drawEllipse(dot.adjusted(2, 2, -2, -2));
        }
    }

    const QRect lines = rect.adjusted(avatarSize + padding + 2, 0, 0, 0);
    const QFontMetrics metrics(option.font);
    const int lineHeight = metrics.height();
    const int top = rect.center().y() - lineHeight - 1;
    QRect firstLine(lines.left(), top, lines.width(), lineHeight);
    QRect secondLine(lines.left(), top + lineHeight + 2, lines.width(), lineHeight);

    // First line: the name, bold while something is unread, and the time at the right.
    const QString when = activityText(index.data(ContactListModel::LastActivityRole).toDateTime());
    QFont timeFont = option.font;
    timeFont.setPointSizeF(option.font.pointSizeF() * 0.85);
    painter->setFont(timeFont);
    painter->setPen(quiet);
    const int whenWidth = when.isEmpty() ? 0 : QFontMetrics(timeFont).horizontalAdvance(when) + padding;
    painter->drawText(firstLine, Qt::AlignRight | Qt::AlignVCenter, when);
    QFont nameFont = option.font;
    nameFont.setBold(unread > 0);
    painter->setFont(nameFont);
    painter->setPen(text);
    painter->drawText(firstLine.adjusted(0, 0, -whenWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(user, Qt::ElideRight, firstLine.width() - whenWidth));

    // Second line: the unread badge at the right, and what there is to know before it.
    if (unread > 0) {
        QFont badgeFont = timeFont;
        badgeFont.setBold(true);
        const QString count = QLocale().toString(unread);
        const int badgeWidth = std::max(lineHeight, QFontMetrics(badgeFont).horizontalAdvance(count) + lineHeight / 2 + 4);
        const QRect badge(secondLine.right() - badgeWidth + 1, secondLine.top(), badgeWidth, lineHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
        painter->drawRoundedRect(badge, lineHeight / 2.0, lineHeight / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(palette.color(selected ? QPalette::Highlight : QPalette::HighlightedText));
        painter->drawText(badge, Qt::AlignCenter, count);
        secondLine.setRight(badge.left() - padding);
    }
    QString second = index.data(ContactListModel::PreviewRole).toString();
    QFont secondFont = option.font;
    if (kind == ContactListModel::Kind::IncomingRequest) {
        second = tr("Wants to be your contact");
        secondFont.setItalic(true);
    } else if (kind == ContactListModel::Kind::OutgoingRequest) {
        second = tr("Request sent, waiting for an answer");
        secondFont.setItalic(true);
    }
    painter->setFont(secondFont);
    painter->setPen(quiet);
    painter->drawText(secondLine, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(secondFont).elidedText(second, Qt::ElideRight, secondLine.width()));
    painter->restore();
}

} // namespace huiji
