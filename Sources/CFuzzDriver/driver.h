// libFuzzer's driver, for an executable that brings its own main: SwiftPM links an executable's
// main to its module's entry point, so libFuzzer's main cannot be used (scripts/fuzz).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
