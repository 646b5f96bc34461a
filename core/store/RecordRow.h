#pragma once

#include "store/HistoryTypes.h"

#include <QSqlQuery>
#include <QString>

namespace huiji {

// The one way records are read back: the column list every query selects, and its decoding.
namespace recordRow {

// Selects from records r joined with conversations c and devices d.
QString columns();
QString joins(); // "records r JOIN conversations c ... JOIN devices d ..."
StoredRecord decode(const QSqlQuery &query);

// The label of a device without a name yet: the start of its id.
QString fallbackLabel(const QString &deviceId);

} // namespace recordRow
} // namespace huiji
