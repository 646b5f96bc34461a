#pragma once

#include "protocol/Wire.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace huiji {

class Session;

// One "collect now" on the storage terminal (claim 13), as `huiji-cli collect` follows it: the
// reports of the devices the server asked and the records this device merged meanwhile. Made
// before the session starts, so that nothing is missed.
class CollectionRound
{
    Q_DECLARE_TR_FUNCTIONS(CollectionRound)

public:
    explicit CollectionRound(Session &session);

    // Every one of `asked` devices has reported its collection complete.
    bool isComplete(qint64 asked) const;
    qint64 reports() const { return m_reports; } // so far: how waiting tells a stall
    bool isCaughtUp() const { return m_remaining == 0; } // as of the last records merged

    // Device names for the text, from the server's device list; ids stand for those missing.
    void setDeviceNames(const QHash<QString, QString> &names) { m_names = names; }
    QJsonObject json(qint64 asked) const;
    QString text(qint64 asked) const;

private:
    struct Report {
        wire::CollectionCounts total;
        bool complete = false;
    };
    QHash<QString, Report> m_byDevice;
    QHash<QString, QString> m_names;
    qint64 m_reports = 0;
    qint64 m_merged = 0;
    qint64 m_remaining = 0;
};

} // namespace huiji
