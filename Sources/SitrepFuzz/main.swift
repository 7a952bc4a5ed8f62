import CFuzzDriver
import Glibc

// SwiftPM gives an executable its own main, so libFuzzer's is not linked in: its driver runs from
// here, with the command line as libFuzzer's main would pass it (scripts/fuzz).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
