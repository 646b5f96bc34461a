# Fails when the Simplified Chinese translation misses a string of the sources: lupdate runs over
# a copy of the .ts file (the repository's stays as it is), and lrelease must then find every
# message translated. Run by ctest as `cmake -DTS=... -DSOURCES=... -DLUPDATE=... -DLRELEASE=...
# -DROOT=... -DWORK=... -P CheckTranslation.cmake` (translations/CMakeLists.txt).
file(MAKE_DIRECTORY "${WORK}")
get_filename_component(name "${TS}" NAME)
configure_file("${TS}" "${WORK}/${name}" COPYONLY)
string(REPLACE "|" ";" source_list "${SOURCES}")
execute_process(COMMAND "${LUPDATE}" -no-obsolete -locations none -I "${ROOT}" -I "${ROOT}/core" ${source_list}
        -ts "${WORK}/${name}"
    OUTPUT_VARIABLE updated ERROR_VARIABLE updated RESULT_VARIABLE failed)
if(failed OR NOT updated MATCHES "\\(0 new and")
    message(FATAL_ERROR "${name} lacks strings of the sources; run the update_translations target and translate them:\n${updated}")
endif()
execute_process(COMMAND "${LRELEASE}" "${WORK}/${name}" -qm "${WORK}/check.qm"
    OUTPUT_VARIABLE released ERROR_VARIABLE released RESULT_VARIABLE failed)
if(failed OR NOT released MATCHES " 0 unfinished")
    message(FATAL_ERROR "${name} has untranslated messages:\n${released}")
endif()
message(STATUS "${name}: ${released}")
