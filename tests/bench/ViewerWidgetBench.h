#pragma once

#include "store/HistoryTypes.h"

namespace huiji {
class Profile;
}

namespace huiji::bench {

// The whole HistoryViewer window on a large profile: made, opened on one conversation and
// painted once, and its timeline scrolled up page after page as a user dragging the scroll bar to
// the top would. Meant for QT_QPA_PLATFORM=offscreen, where painting is into memory, so the
// figures are the widgets' and the models' work, not a display's.
class ViewerWidgetBench
{
public:
    struct Options {
        int tries = 5;
        int scrollRows = 20000;
        int scrollBudgetMs = 120000; // a view that slows down as it grows stops here
    };

    // emptyProfile has no history: the same window on it is the baseline of the first paint.
    ViewerWidgetBench(Profile &profile, Profile &emptyProfile, const ConversationSummary &conversation,
                      const Options &options);

    void firstPaint();
    // Against HistoryTimelineModel::fetchOlder() alone over as many rows: the view's own cost.
    void scrollUp();

private:
    Profile &m_profile;
    Profile &m_emptyProfile;
    ConversationSummary m_conversation;
    Options m_options;
};

} // namespace huiji::bench
