require ["fileinto", "copy"];
fileinto :copy "Backup";
redirect :copy "backup@example.com";
