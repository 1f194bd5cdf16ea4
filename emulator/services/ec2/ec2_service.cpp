// EC2's operation table (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/). Only registered operations get
// their shapes embedded (the EC2 model is large), so this stays the list of what trailbox implements.
#include "services/ec2/ec2_service.hpp"

#include "services/ec2/ec2_topics.hpp"

namespace trailbox::ec2 {

void AddEc2Operations(OperationTable& table) {
  AddInstanceOperations(table);
  AddSecurityGroupOperations(table);
  AddTagOperations(table);
  AddCatalogueOperations(table);
}

}  // namespace trailbox::ec2
