require ["variables", "fileinto"];
fileinto "local-${secret}-end";
