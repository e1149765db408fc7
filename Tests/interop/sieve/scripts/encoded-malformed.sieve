require ["encoded-character", "fileinto"];
fileinto "${hex:4}x";
