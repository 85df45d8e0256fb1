SELECT read_profile, change_profile FROM assurance_policies WHERE tenant_id = $1;
