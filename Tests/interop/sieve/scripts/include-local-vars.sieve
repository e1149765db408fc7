require ["include", "variables"];
set "secret" "hidden";
include "show-local";
