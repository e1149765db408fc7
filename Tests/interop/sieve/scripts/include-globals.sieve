require ["include", "variables"];
global "target";
set "target" "FromMain";
include "use-global";
