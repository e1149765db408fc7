require ["fileinto", "copy"];
fileinto :copy "A";
fileinto "B";
