require ["include", "variables"];
global "result";
set "result" "GlobalResult";
