#include "server/modules/Modules.h"

#include "server/modules/AccountRequests.h"
#include "server/modules/ArchiveRequests.h"
#include "server/modules/CollectionRequests.h"
#include "server/modules/CredentialRequests.h"
#include "server/modules/ForwardRequests.h"
#include "server/modules/LinkRequests.h"
#include "server/modules/LoginRequests.h"
#include "server/modules/RelayRequests.h"
#include "server/modules/TerminalRequests.h"

namespace huiji {

void Modules::registerAll(Dispatcher &dispatcher)
{
    LoginRequests::registerOn(dispatcher);
    RelayRequests::registerOn(dispatcher);
    AccountRequests::registerOn(dispatcher);
    TerminalRequests::registerOn(dispatcher);
    ArchiveRequests::registerOn(dispatcher);
    CollectionRequests::registerOn(dispatcher);
    ForwardRequests::registerOn(dispatcher);
    LinkRequests::registerOn(dispatcher);
    CredentialRequests::registerOn(dispatcher);
}

} // namespace huiji
