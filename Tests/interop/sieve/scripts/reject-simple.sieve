require "reject";
if address :domain :is "from" "lottery.test" { reject "No lotteries, thanks."; }
