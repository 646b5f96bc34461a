#pragma once

#include "protocol/FrameCodec.h"

#include <QHash>
#include <QSslConfiguration>
#include <QTcpServer>

class QSslSocket;

namespace huiji::bench {

// The baseline's server: TLS on the loopback interface that decodes every frame and sends it back
// encoded again, with huijid's own certificate and key. What a relay costs with the hub, the
// database and the second client taken away.
class TlsEcho : public QTcpServer
{
    Q_OBJECT

public:
    explicit TlsEcho(QSslConfiguration tls);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void echo(QSslSocket *socket);

    QSslConfiguration m_tls;
    QHash<QSslSocket *, FrameCodec> m_codecs;
};

} // namespace huiji::bench
