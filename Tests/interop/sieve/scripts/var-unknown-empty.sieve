require ["variables", "fileinto"];
fileinto "x${undefined}y";
