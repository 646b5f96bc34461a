#pragma once

namespace huiji {

class Dispatcher;

// Every feature of the server registers the frame types it handles here; the engine knows none
// of them (DESIGN.md, "Where the server engine is going").
class Modules
{
public:
    Modules() = delete;

    static void registerAll(Dispatcher &dispatcher);
};

} // namespace huiji
