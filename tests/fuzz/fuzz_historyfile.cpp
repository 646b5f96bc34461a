// libFuzzer target: importing a history file (HistoryFile::fromJson, what `huiji-cli import` and
// the desktop's import read), and what the store computes from each record as it merges them
// (RecordMerger): the content key, the position and the search terms of the body. Input: the
// file's bytes. Properties:
// - a refused file is InvalidArgument or InvalidRecord and says why;
// - every record taken is valid and has a place in the merged history;
// - a file written from what was read (toJson, as `huiji-cli export` writes) reads back the same.

#include "FuzzCheck.h"

#include "protocol/HistoryFile.h"
#include "store/Position.h"
#include "store/SearchText.h"

using namespace huiji;
using namespace huiji::fuzz;

namespace {

void checkMerged(const Record &record)
{
    require(validate(record).has_value(), "an imported record is valid");
    const qint64 position = position::make(record.orderTime(), 0);
    require(position >= 0 && position < position::newest, "an imported record has a place in the history");
    require(position::timeOf(position) == record.orderTime(), "a position keeps its time");
    require(contentKey(record).size() == 16, "a content key is 16 bytes");
    SearchText::indexTerms(record.body);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto file = HistoryFile::fromJson(QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    if (!file) {
        require(file.error().code == ErrorCode::InvalidArgument || file.error().code == ErrorCode::InvalidRecord,
                "a history file is refused as InvalidArgument or InvalidRecord");
        require(!file.error().message.isEmpty(), "a refused history file says why");
        return 0;
    }
    for (const Record &record : file->records)
        checkMerged(record);
    const auto again = HistoryFile::fromJson(file->toJson());
    require(again && again->devices == file->devices && again->records == file->records,
            "an exported history reads back the same");
    return 0;
}
