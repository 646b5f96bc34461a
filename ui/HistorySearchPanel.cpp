#include "ui/HistorySearchPanel.h"

#include "ui/SearchResultList.h"
#include "ui/SearchResultModel.h"

#include "store/SearchText.h"

#include <QComboBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace huiji {

namespace {

// Long enough not to search for every keystroke of a word, short enough to feel immediate.
constexpr int typingPauseMs = 300;

} // namespace

HistorySearchPanel::HistorySearchPanel(HistoryStore &store, QWidget *idle, QWidget *parent)
    : QWidget(parent), m_box(new QLineEdit(this)), m_scope(new QComboBox(this)), m_stack(new QStackedWidget(this)),
      m_resultsPage(new QWidget(this)), m_status(new QLabel(m_resultsPage)),
      m_results(new SearchResultModel(store, this)), m_list(new SearchResultList(m_results, m_resultsPage))
{
    m_box->setPlaceholderText(tr("Search history"));
    m_box->setClearButtonEnabled(true);
    m_box->setAccessibleName(tr("Search history"));
    m_box->installEventFilter(this);
    m_scope->addItem(tr("All conversations"));
    m_scope->addItem(tr("This conversation"));
    m_scope->setAccessibleName(tr("Search in"));

    m_list->setAccessibleName(tr("Search results"));
    m_status->setAccessibleName(tr("Search status"));
    m_status->setWordWrap(true);
    auto *resultsLayout = new QVBoxLayout(m_resultsPage);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_status);
    resultsLayout->addWidget(m_list, 1);

    m_stack->addWidget(idle);
    m_stack->addWidget(m_resultsPage);
    auto *layout = new QVBoxLayout(this);
    const int margin = fontMetrics().height() / 2;
    layout->setContentsMargins(margin, margin, 0, 0);
    layout->addWidget(m_box);
    layout->addWidget(m_scope);
    layout->addWidget(m_stack, 1);
    setTabOrder(m_box, m_scope);

    m_typingPause.setSingleShot(true);
    m_typingPause.setInterval(typingPauseMs);
    connect(&m_typingPause, &QTimer::timeout, this, &HistorySearchPanel::search);
    connect(m_box, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty())
            clear();
        else
            m_typingPause.start();
    });
    connect(m_box, &QLineEdit::returnPressed, this, &HistorySearchPanel::search);
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        if (isSearching())
            search();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            emit hitChosen(m_results->hitAt(current.row()));
    });
    connect(m_list, &QListView::activated, this,
            [this](const QModelIndex &index) { emit hitActivated(m_results->hitAt(index.row())); });
    connect(m_list, &SearchResultList::loadFailed, this, &HistorySearchPanel::loadFailed);
    connect(m_results, &QAbstractItemModel::rowsInserted, this, &HistorySearchPanel::updateStatus);
    connect(m_results, &QAbstractItemModel::rowsRemoved, this, &HistorySearchPanel::updateStatus);
}

void HistorySearchPanel::setConversation(const QString &account, const QString &contact)
{
    m_account = account;
    m_contact = contact;
}

void HistorySearchPanel::search()
{
    m_typingPause.stop();
    const QString text = m_box->text();
    if (text.trimmed().isEmpty()) {
        clear();
        return;
    }
    const bool here = m_scope->currentIndex() == 1 && !m_contact.isEmpty();
    const HistoryScope scope = here ? HistoryScope{m_account, m_contact, {}} : HistoryScope{};
    if (auto done = m_results->search(text, scope); !done)
        emit loadFailed(done.error());
    const bool wasSearching = isSearching();
    m_stack->setCurrentWidget(m_resultsPage);
    updateStatus();
    if (!wasSearching)
        emit searchingChanged(true);
}

void HistorySearchPanel::clear()
{
    m_typingPause.stop();
    m_results->clear();
    if (!isSearching())
        return;
    m_stack->setCurrentIndex(0);
    emit searchingChanged(false);
}

bool HistorySearchPanel::isSearching() const
{
    return m_stack->currentWidget() == m_resultsPage;
}

QStringList HistorySearchPanel::terms() const
{
    return isSearching() ? SearchText::queryTerms(m_results->text()) : QStringList();
}

void HistorySearchPanel::updateStatus()
{
    const int count = m_results->found();
    if (count == 0)
        m_status->setText(tr("No records contain “%1”.").arg(m_results->text()));
    else if (m_results->canFetchMore({}))
        m_status->setText(tr("%n result(s) so far; scroll for more", nullptr, count));
    else
        m_status->setText(tr("%n result(s)", nullptr, count));
}

bool HistorySearchPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_box && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && !m_box->text().isEmpty()) {
            m_box->clear();
            return true;
        }
        // Down from the box walks into the hits, as in a search field with suggestions.
        if (key->key() == Qt::Key_Down && isSearching() && m_results->rowCount() > 0) {
            m_list->setFocus();
            m_list->setCurrentIndex(m_results->index(0));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace huiji
