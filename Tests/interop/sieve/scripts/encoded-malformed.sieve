require ["encoded-character", "fileinto"];
fileinto "${hex: 4a 4B }${hex:zz}${hex:414}${unicode:}x";
