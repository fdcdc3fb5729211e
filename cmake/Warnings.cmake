# Applied per target so third-party headers are not affected.
#
# WSISKG_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer for the whole project (CI runs the
# full ctest suite this way in build-asan). UBSan findings abort (-fno-sanitize-recover) so ctest
# sees them as failures; ASan's defaults already halt at the first error and report leaks, and
# build.sh sets ASAN_OPTIONS/UBSAN_OPTIONS explicitly for its run.
# WSISKG_FUZZ (clang only): the same sanitizers plus libFuzzer's coverage instrumentation on every
# library, so the targets in fuzz/ see edges inside the parsers and the engine.
function(wsiskg_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(WSISKG_SANITIZE OR WSISKG_FUZZ)
    set(sanitizers address,undefined)
    if(WSISKG_FUZZ)
      set(sanitizers fuzzer-no-link,address,undefined)
    endif()
    target_compile_options(${target} PRIVATE -fsanitize=${sanitizers} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

