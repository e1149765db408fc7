require ["variables", "fileinto"];
set "MiXeD" "v";
fileinto "${mixed}${MIXED}";
