# ASan + UBSan for everything we build when LITESCOPE_SANITIZE is on; UBSan findings abort
# so that ctest sees them as failures.
if(LITESCOPE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
