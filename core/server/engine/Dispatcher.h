#pragma once

#include "server/engine/Peer.h"

#include "protocol/Frame.h"

#include <QHash>
#include <QString>

namespace huiji {

class Hub;
struct ServerConfig;

// Frame type → handler, with what every handler may take for granted checked here, once, before
// any of them runs: the login stage the type needs, how large its frame may be, and whether it
// draws on the connection's request budget. Each module registers its types (Modules.h); the
// checks hold for the types that groups, files and several nodes add as for today's.
class Dispatcher
{
public:
    // How large a frame of a type may be: a control request's limit, an ack of one delivery
    // window, or only the connection's frame limit (what carries records).
    enum class Size { Control, Ack, Bulk };
    // Whether a type draws on the connection's request budget. Free ones are the login steps (the
    // budget of frames before login covers them) and the record flows, which the client engine
    // paces by their answers and acks; each of those is bounded by a quota of its own.
    enum class Rate { Counted, Free };
    using Handler = void (*)(Hub &, quint64 id, Peer &peer, const Frame &frame);
    struct Route {
        Peer::Stage stage;
        Size size;
        Rate rate;
        Handler handler;
    };

    explicit Dispatcher(Hub &hub) : m_hub(hub) {}

    void add(const QString &type, Route route);
    void dispatch(quint64 id, Peer &peer, const Frame &frame, qsizetype bytes);

private:
    static qsizetype limitOf(Size size, const ServerConfig &config);

    Hub &m_hub;
    QHash<QString, Route> m_routes;
};

} // namespace huiji
