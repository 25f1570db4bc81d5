# A flag given an empty value ('' in a shell) must be refused with the flag named and
# exit code 2, not read as "not given" (issue 25, item 5). expect_exit.cmake cannot
# pass an empty argument through a ;-list, so this script adds it last.
# Takes COMMAND (a ;-list ending with the flag) and EXPECT_OUTPUT.
execute_process(COMMAND ${COMMAND} "" RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 2 OR NOT "${out}${err}" MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "exit code ${code}, expected 2 and '${EXPECT_OUTPUT}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
