#pragma once

#include <QFont>
#include <QHash>

#include <optional>

namespace huiji {

// The heights of wrapped text by record position, at one width and font. A QListView asks every
// row for its size on each layout, thousands of rows when a page comes, and laying out text is
// what that costs; the text of a position never changes. The view lets go of rows that leave it.
class TextHeightCache
{
public:
    // The height remembered for a position; a new width or font forgets them all first.
    std::optional<int> find(qint64 position, int width, const QFont &font);
    void insert(qint64 position, int height) { m_heights.insert(position, height); }
    void forget(qint64 position) { m_heights.remove(position); }
    void clear() { m_heights.clear(); }
    qsizetype size() const { return m_heights.size(); }

private:
    QHash<qint64, int> m_heights;
    int m_width = -1;
    QFont m_font;
};

} // namespace huiji
