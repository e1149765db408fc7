require ["include", "variables", "fileinto"];
include "set-global";
fileinto "${global.result}";
