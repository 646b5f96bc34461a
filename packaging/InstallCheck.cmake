# `cmake --install` of a build into a scratch prefix puts the three programs, the desktop entry,
# the metainfo, the icon and the systemd unit where a desktop and systemd look for them, under one
# application id. Run by ctest (packaging/CMakeLists.txt) as
# `cmake -DBUILD=<build dir> -DWORK=<scratch> -P InstallCheck.cmake`.
file(REMOVE_RECURSE "${WORK}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${WORK}"
    OUTPUT_VARIABLE installed ERROR_VARIABLE installed RESULT_VARIABLE failed)
if(failed)
    message(FATAL_ERROR "cmake --install failed:\n${installed}")
endif()
set(expected
    bin/huiji bin/huijid bin/huiji-cli
    share/applications/org.huiji.Huiji.desktop
    share/metainfo/org.huiji.Huiji.metainfo.xml
    share/icons/hicolor/scalable/apps/org.huiji.Huiji.svg
    lib/systemd/system/huijid.service)
foreach(path IN LISTS expected)
    if(NOT EXISTS "${WORK}/${path}")
        message(FATAL_ERROR "not installed: ${path}\n${installed}")
    endif()
endforeach()
# The entry starts the installed program and names the installed icon; the metainfo points at it.
file(READ "${WORK}/share/applications/org.huiji.Huiji.desktop" entry)
file(READ "${WORK}/share/metainfo/org.huiji.Huiji.metainfo.xml" metainfo)
if(NOT entry MATCHES "\nExec=huiji[ \n]" OR NOT entry MATCHES "\nIcon=org.huiji.Huiji\n")
    message(FATAL_ERROR "the desktop entry does not start huiji with the org.huiji.Huiji icon:\n${entry}")
endif()
if(NOT metainfo MATCHES "<launchable type=\"desktop-id\">org.huiji.Huiji.desktop</launchable>")
    message(FATAL_ERROR "the metainfo does not launch org.huiji.Huiji.desktop")
endif()
