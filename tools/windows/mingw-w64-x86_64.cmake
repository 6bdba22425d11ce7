# CMake toolchain file: x86-64 Windows with Debian's mingw-w64 (posix
# thread model, for winpthreads).  Used by tools/windows/build.sh, which
# sets TSUNAGU_WIN_PREFIX to the folder of the dependencies it built.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(TOOLCHAIN_PREFIX x86_64-w64-mingw32)

set(CMAKE_C_COMPILER ${TOOLCHAIN_PREFIX}-gcc-posix)
set(CMAKE_CXX_COMPILER ${TOOLCHAIN_PREFIX}-g++-posix)
set(CMAKE_RC_COMPILER ${TOOLCHAIN_PREFIX}-windres)
set(CMAKE_AR ${TOOLCHAIN_PREFIX}-gcc-ar-posix)
set(CMAKE_RANLIB ${TOOLCHAIN_PREFIX}-gcc-ranlib-posix)

# Look for libraries and headers in the dependencies' prefix only, for
# programs on the build machine.
if(DEFINED ENV{TSUNAGU_WIN_PREFIX})
  set(CMAKE_FIND_ROOT_PATH $ENV{TSUNAGU_WIN_PREFIX} /usr/${TOOLCHAIN_PREFIX})
else()
  set(CMAKE_FIND_ROOT_PATH /usr/${TOOLCHAIN_PREFIX})
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# One self-contained tsunagu.exe: the C runtime's helpers and winpthreads
# linked in, nothing beside the exe but Windows' own DLLs.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc")
