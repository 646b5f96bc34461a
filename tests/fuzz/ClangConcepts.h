// Included before every source by the fuzz build under clang 16 to 18 (tests/fuzz/CMakeLists.txt).
// libstdc++ declares std::expected only when __cpp_concepts is 202002L; these clangs handle what it
// needs (conditionally trivial special members, clang 16) but announce 201907L until clang 19.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wmacro-redefined"
#pragma clang diagnostic ignored "-Wbuiltin-macro-redefined"
#undef __cpp_concepts
#define __cpp_concepts 202002L
#pragma clang diagnostic pop
