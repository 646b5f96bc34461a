#include "MessageText.h"

#include <cmath>
#include <span>

using namespace Qt::StringLiterals;

namespace huiji::bench {
namespace {

// Words and short phrases of everyday chat, the frequent grammatical ones listed more than once.
constexpr const char16_t *chineseWords[] = {
    u"你好", u"在吗", u"好的", u"收到", u"谢谢", u"没问题", u"明天", u"今天", u"昨天", u"晚上",
    u"早上", u"下午", u"中午", u"周末", u"下周", u"我们", u"你们", u"他们", u"一起", u"吃饭",
    u"开会", u"项目", u"进度", u"文件", u"发给你", u"看一下", u"确认", u"一下", u"时间", u"地点",
    u"可以", u"不行", u"已经", u"还没", u"马上", u"到了", u"路上", u"堵车", u"下班", u"加班",
    u"上班", u"公司", u"老板", u"客户", u"需求", u"方案", u"修改", u"测试", u"上线", u"问题",
    u"解决", u"辛苦了", u"哈哈", u"真的吗", u"太好了", u"不好意思", u"稍等", u"等一下", u"记得",
    u"别忘了", u"电话", u"邮件", u"地址", u"快递", u"到家", u"回家", u"孩子", u"学校", u"老师",
    u"医院", u"天气", u"下雨", u"带伞", u"冷", u"热", u"咖啡", u"奶茶", u"火锅", u"电影", u"票",
    u"买", u"订", u"酒店", u"机票", u"高铁", u"出差", u"回来", u"生日", u"快乐", u"礼物", u"周五",
    u"周一", u"几点", u"三点", u"十点半", u"怎么样", u"觉得", u"应该", u"可能", u"需要", u"准备",
    u"开始", u"结束", u"完成", u"报告", u"数据", u"图片", u"视频", u"链接", u"价格", u"便宜",
    u"贵", u"妈妈", u"爸爸", u"朋友", u"同事", u"超市", u"附近", u"停车", u"明白了", u"聪明",
    u"天天", u"一天", u"会议室", u"会不会", u"目前", u"饭店", u"的", u"的", u"的", u"了", u"了",
    u"吧", u"呢", u"吗", u"啊", u"是", u"是", u"在", u"有", u"去", u"来", u"说", u"想", u"要",
    u"会", u"能", u"就", u"也", u"都", u"还", u"再", u"很", u"非常", u"这个", u"那个", u"什么",
    u"为什么", u"怎么", u"哪里", u"现在", u"刚才", u"以后", u"我", u"我", u"你", u"你", u"他",
    u"她", u"不", u"没", u"先", u"给", u"跟", u"把", u"到", u"从",
};

constexpr const char16_t *englishWords[] = {
    u"hi", u"hello", u"ok", u"okay", u"thanks", u"sure", u"yes", u"no", u"the", u"the", u"the",
    u"a", u"a", u"to", u"to", u"of", u"and", u"and", u"is", u"are", u"we", u"you", u"you", u"I",
    u"I", u"it", u"this", u"that", u"for", u"on", u"in", u"at", u"with", u"can", u"will",
    u"meeting", u"tomorrow", u"today", u"tonight", u"morning", u"afternoon", u"lunch", u"dinner",
    u"coffee", u"project", u"deadline", u"report", u"review", u"release", u"build", u"test",
    u"bug", u"fix", u"issue", u"update", u"please", u"check", u"send", u"file", u"link", u"call",
    u"later", u"now", u"time", u"schedule", u"moved", u"room", u"office", u"home", u"weekend",
    u"Friday", u"Monday", u"plan", u"ready", u"done", u"great", u"good", u"sounds", u"let", u"me",
    u"know", u"see", u"soon", u"sorry", u"late", u"traffic", u"train", u"flight", u"hotel",
    u"ticket", u"price", u"budget", u"client", u"team", u"slides", u"draft", u"version",
    u"server", u"photo", u"video", u"birthday", u"party", u"gift", u"movie", u"weather", u"rain",
    u"kids", u"school", u"doctor", u"shopping", u"order", u"delivered", u"address", u"number",
    u"minutes", u"hours", u"about", u"maybe", u"really", u"just", u"still", u"already", u"again",
    u"first", u"next", u"last", u"new", u"do", u"did", u"have", u"got", u"get", u"go", u"going",
};

// English that Chinese speakers drop into Chinese sentences.
constexpr const char16_t *loanWords[] = {
    u"meeting", u"deadline", u"PPT", u"OK", u"bug", u"demo", u"review", u"project", u"email",
    u"offer", u"case", u"check", u"update", u"release", u"team", u"app", u"WiFi", u"VPN",
};

constexpr const char16_t *chineseEnds[] = {u"。", u"！", u"？", u"，", u"～", u"", u"…"};
constexpr const char16_t *englishEnds[] = {u".", u"!", u"?", u",", u"", u"..."};
constexpr const char16_t *emoji[] = {u"😂", u"👍", u"🙏", u"😊", u"[微笑]", u"[捂脸]"};

constexpr const char16_t *rare[] = {u"zanzibar", u"quixotic", u"xylophone", u"marzipan", u"kumquat"};

template <std::size_t N>
QStringView pick(QRandomGenerator &rng, const char16_t *const (&words)[N])
{
    return QStringView(words[rng.bounded(static_cast<quint32>(N))]);
}

bool chance(QRandomGenerator &rng, double p) { return rng.generateDouble() < p; }

void appendTime(QString &text, QRandomGenerator &rng, bool chinese)
{
    const int hour = rng.bounded(8, 22);
    if (chinese && chance(rng, 0.5))
        text += QString::number(hour > 12 ? hour - 12 : hour) + u"点"_s;
    else
        text += u"%1:%2"_s.arg(hour).arg(rng.bounded(4) * 15, 2, 10, QLatin1Char('0'));
}

void appendChinese(QString &text, QRandomGenerator &rng, double loanShare)
{
    const int words = rng.bounded(2, 8);
    for (int i = 0; i < words; ++i) {
        if (chance(rng, loanShare)) {
            // Two Latin words in a row keep a space between them.
            if (!text.isEmpty() && text.back().unicode() < 0x80 && text.back().isLetterOrNumber())
                text += u' ';
            text += pick(rng, loanWords);
        }
        else if (chance(rng, 0.03))
            appendTime(text, rng, true);
        else
            text += pick(rng, chineseWords);
    }
    text += pick(rng, chineseEnds);
    if (chance(rng, 0.05))
        text += pick(rng, emoji);
}

void appendEnglish(QString &text, QRandomGenerator &rng)
{
    if (!text.isEmpty() && !text.back().isSpace())
        text += u' ';
    const int words = rng.bounded(3, 13);
    for (int i = 0; i < words; ++i) {
        if (i > 0)
            text += u' ';
        if (chance(rng, 0.03)) {
            appendTime(text, rng, false);
            continue;
        }
        const QStringView word = pick(rng, englishWords);
        if (i == 0 && chance(rng, 0.6)) {
            text += word.first(1).toString().toUpper();
            text += word.sliced(1);
        } else {
            text += word;
        }
    }
    text += pick(rng, englishEnds);
    if (chance(rng, 0.04)) {
        text += u' ';
        text += pick(rng, emoji);
    }
    text += u' ';
}

} // namespace

QString MessageText::body(QRandomGenerator &rng, Style style)
{
    // Short messages are the most frequent; a few run up to the 200-character cap.
    const double u = rng.generateDouble();
    const auto target = 12 + static_cast<qsizetype>(std::floor(189.0 * u * u));
    QString text;
    text.reserve(target + 40);
    if (chance(rng, 1.0 / 20000.0)) {
        text += pick(rng, rare);
        text += u' ';
    }
    while (text.size() < target) {
        const double kind = rng.generateDouble();
        switch (style) {
        case Style::Chinese:
            if (kind < 0.9)
                appendChinese(text, rng, 0.0);
            else
                appendChinese(text, rng, 0.25);
            break;
        case Style::Mixed:
            if (kind < 0.4)
                appendChinese(text, rng, 0.0);
            else if (kind < 0.75)
                appendChinese(text, rng, 0.3);
            else
                appendEnglish(text, rng);
            break;
        case Style::English:
            if (kind < 0.92)
                appendEnglish(text, rng);
            else
                appendChinese(text, rng, 0.3);
            break;
        }
    }
    text.truncate(target);
    if (text.back().isHighSurrogate())
        text.chop(1);
    return text.trimmed();
}

QStringList MessageText::rareWords()
{
    QStringList words;
    for (const char16_t *word : rare)
        words << QString::fromUtf16(word);
    return words;
}

QStringList MessageText::commonWords()
{
    return {u"meeting"_s, u"tomorrow"_s, u"project"_s, u"thanks"_s, u"weekend"_s};
}

QStringList MessageText::hanPairs()
{
    return {u"明天"_s, u"开会"_s, u"项目"_s, u"吃饭"_s, u"时间"_s};
}

} // namespace huiji::bench
