#include "ui/TextHeightCache.h"

namespace huiji {

std::optional<int> TextHeightCache::find(qint64 position, int width, const QFont &font)
{
    if (width != m_width || font != m_font) {
        m_heights.clear();
        m_width = width;
        m_font = font;
        return std::nullopt;
    }
    const auto found = m_heights.constFind(position);
    if (found == m_heights.cend())
        return std::nullopt;
    return *found;
}

} // namespace huiji
