require ["fileinto"];
fileinto "Stopped";
stop;
