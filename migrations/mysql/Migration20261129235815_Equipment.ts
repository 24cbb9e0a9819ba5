import { Migration } from '../../src/db/migration.js';

export class Migration20261129235815_Equipment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`equipment_notices\` (\`id\` int unsigned not null auto_increment primary key, \`key\` varchar(160) not null, \`recipients\` json not null, \`created_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`equipment_notices\` add unique \`equipment_notices_key_unique\`(\`key\`);`);

    this.addSql(`create table \`repair_tickets\` (\`id\` int unsigned not null auto_increment primary key, \`equipment_code\` varchar(32) not null, \`symptom\` varchar(500) not null, \`reported_by_id\` varchar(64) not null, \`reported_at\` datetime(3) not null, \`state\` varchar(16) not null default 'reported', \`state_since\` datetime(3) not null, \`state_visit\` int not null default 1, \`technician_id\` varchar(64) null, \`verified_by_id\` varchar(64) null, \`archived_at\` datetime(3) null, \`revision\` int not null default 1) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`repair_tickets\` add index \`repair_tickets_equipment_code_index\`(\`equipment_code\`);`);
    this.addSql(`alter table \`repair_tickets\` add index \`repair_tickets_reported_by_id_index\`(\`reported_by_id\`);`);
    this.addSql(`alter table \`repair_tickets\` add index \`repair_tickets_technician_id_index\`(\`technician_id\`);`);
    this.addSql(`alter table \`repair_tickets\` add index \`repair_tickets_verified_by_id_index\`(\`verified_by_id\`);`);
    this.addSql(`alter table \`repair_tickets\` add index \`repair_tickets_state_index\`(\`state\`);`);
    this.addSql(`alter table \`repair_tickets\` add index \`repair_tickets_reported_at_index\`(\`reported_at\`);`);

    this.addSql(`create table \`repair_steps\` (\`id\` int unsigned not null auto_increment primary key, \`ticket_id\` int unsigned not null, \`from_state\` varchar(16) null, \`to_state\` varchar(16) not null, \`at\` datetime(3) not null, \`by_id\` varchar(64) null, \`note\` varchar(500) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`repair_steps\` add index \`repair_steps_ticket_id_index\`(\`ticket_id\`);`);
    this.addSql(`alter table \`repair_steps\` add index \`repair_steps_by_id_index\`(\`by_id\`);`);

    this.addSql(`create table \`maintenance_plans\` (\`id\` int unsigned not null auto_increment primary key, \`code\` varchar(64) not null, \`name\` varchar(100) not null, \`equipment_code\` varchar(32) null, \`equipment_type\` varchar(64) null, \`every_hours\` int null, \`every_days\` int null, \`lead_hours\` int not null default 0, \`lead_days\` int not null default 0, \`checklist\` json not null, \`responsible_person_id\` varchar(64) null, \`responsible_team_id\` varchar(64) null, \`source\` varchar(8) not null, \`active\` tinyint(1) not null default true, \`created_at\` datetime(3) not null, \`created_by\` varchar(64) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`maintenance_plans\` add unique \`maintenance_plans_code_unique\`(\`code\`);`);
    this.addSql(`alter table \`maintenance_plans\` add index \`maintenance_plans_equipment_code_index\`(\`equipment_code\`);`);
    this.addSql(`alter table \`maintenance_plans\` add index \`maintenance_plans_responsible_person_id_index\`(\`responsible_person_id\`);`);
    this.addSql(`alter table \`maintenance_plans\` add index \`maintenance_plans_responsible_team_id_index\`(\`responsible_team_id\`);`);

    this.addSql(`create table \`maintenance_tasks\` (\`id\` int unsigned not null auto_increment primary key, \`plan_id\` int unsigned not null, \`equipment_code\` varchar(32) not null, \`cycle\` int not null, \`status\` varchar(16) not null default 'open', \`due_reason\` varchar(8) not null, \`created_at\` datetime(3) not null, \`deadline\` datetime(3) not null, \`accepted_by_id\` varchar(64) null, \`accepted_at\` datetime(3) null, \`done_by_id\` varchar(64) null, \`done_at\` datetime(3) null, \`done_at_minutes\` int null, \`checked\` json null, \`note\` varchar(500) null, \`postponements\` int not null default 0, \`postpone_reason\` varchar(200) null, \`revision\` int not null default 1) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`maintenance_tasks\` add index \`maintenance_tasks_plan_id_index\`(\`plan_id\`);`);
    this.addSql(`alter table \`maintenance_tasks\` add index \`maintenance_tasks_equipment_code_index\`(\`equipment_code\`);`);
    this.addSql(`alter table \`maintenance_tasks\` add index \`maintenance_tasks_accepted_by_id_index\`(\`accepted_by_id\`);`);
    this.addSql(`alter table \`maintenance_tasks\` add index \`maintenance_tasks_done_by_id_index\`(\`done_by_id\`);`);
    this.addSql(`alter table \`maintenance_tasks\` add index \`maintenance_tasks_status_index\`(\`status\`);`);
    this.addSql(`alter table \`maintenance_tasks\` add unique \`maintenance_tasks_plan_id_equipment_code_cycle_unique\`(\`plan_id\`, \`equipment_code\`, \`cycle\`);`);

    this.addSql(`create table \`maintenance_cycles\` (\`id\` int unsigned not null auto_increment primary key, \`plan_id\` int unsigned not null, \`equipment_code\` varchar(32) not null, \`cycle\` int not null default 1, \`baseline_minutes\` int not null, \`baseline_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`maintenance_cycles\` add index \`maintenance_cycles_plan_id_index\`(\`plan_id\`);`);
    this.addSql(`alter table \`maintenance_cycles\` add index \`maintenance_cycles_equipment_code_index\`(\`equipment_code\`);`);
    this.addSql(`alter table \`maintenance_cycles\` add unique \`maintenance_cycles_plan_id_equipment_code_unique\`(\`plan_id\`, \`equipment_code\`);`);

    this.addSql(`create table \`equipment_downtimes\` (\`id\` int unsigned not null auto_increment primary key, \`equipment_code\` varchar(32) not null, \`started_at\` datetime(3) not null, \`ended_at\` datetime(3) null, \`reason\` varchar(500) not null, \`reported_by_id\` varchar(64) null, \`ticket_id\` int unsigned null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`equipment_downtimes\` add index \`equipment_downtimes_equipment_code_index\`(\`equipment_code\`);`);
    this.addSql(`alter table \`equipment_downtimes\` add index \`equipment_downtimes_reported_by_id_index\`(\`reported_by_id\`);`);
    this.addSql(`alter table \`equipment_downtimes\` add index \`equipment_downtimes_ticket_id_index\`(\`ticket_id\`);`);
    this.addSql(`alter table \`equipment_downtimes\` add index \`equipment_downtimes_equipment_code_ended_at_index\`(\`equipment_code\`, \`ended_at\`);`);
    this.addSql(`alter table \`equipment_downtimes\` add index \`equipment_downtimes_started_at_index\`(\`started_at\`);`);

    this.addSql(`alter table \`repair_tickets\` add constraint \`repair_tickets_equipment_code_foreign\` foreign key (\`equipment_code\`) references \`equipment\` (\`code\`) on update cascade;`);
    this.addSql(`alter table \`repair_tickets\` add constraint \`repair_tickets_reported_by_id_foreign\` foreign key (\`reported_by_id\`) references \`people\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`repair_tickets\` add constraint \`repair_tickets_technician_id_foreign\` foreign key (\`technician_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`repair_tickets\` add constraint \`repair_tickets_verified_by_id_foreign\` foreign key (\`verified_by_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`repair_steps\` add constraint \`repair_steps_ticket_id_foreign\` foreign key (\`ticket_id\`) references \`repair_tickets\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`repair_steps\` add constraint \`repair_steps_by_id_foreign\` foreign key (\`by_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`maintenance_plans\` add constraint \`maintenance_plans_equipment_code_foreign\` foreign key (\`equipment_code\`) references \`equipment\` (\`code\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`maintenance_plans\` add constraint \`maintenance_plans_responsible_person_id_foreign\` foreign key (\`responsible_person_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`maintenance_plans\` add constraint \`maintenance_plans_responsible_team_id_foreign\` foreign key (\`responsible_team_id\`) references \`teams\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`maintenance_tasks\` add constraint \`maintenance_tasks_plan_id_foreign\` foreign key (\`plan_id\`) references \`maintenance_plans\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`maintenance_tasks\` add constraint \`maintenance_tasks_equipment_code_foreign\` foreign key (\`equipment_code\`) references \`equipment\` (\`code\`) on update cascade;`);
    this.addSql(`alter table \`maintenance_tasks\` add constraint \`maintenance_tasks_accepted_by_id_foreign\` foreign key (\`accepted_by_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`maintenance_tasks\` add constraint \`maintenance_tasks_done_by_id_foreign\` foreign key (\`done_by_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`maintenance_cycles\` add constraint \`maintenance_cycles_plan_id_foreign\` foreign key (\`plan_id\`) references \`maintenance_plans\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`maintenance_cycles\` add constraint \`maintenance_cycles_equipment_code_foreign\` foreign key (\`equipment_code\`) references \`equipment\` (\`code\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`equipment_downtimes\` add constraint \`equipment_downtimes_equipment_code_foreign\` foreign key (\`equipment_code\`) references \`equipment\` (\`code\`) on update cascade;`);
    this.addSql(`alter table \`equipment_downtimes\` add constraint \`equipment_downtimes_reported_by_id_foreign\` foreign key (\`reported_by_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`equipment_downtimes\` add constraint \`equipment_downtimes_ticket_id_foreign\` foreign key (\`ticket_id\`) references \`repair_tickets\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`equipment\` add \`location\` varchar(100) null, add \`model\` varchar(100) null, add \`commissioned_on\` varchar(10) null;`);
    this.addSql(`alter table \`equipment\` add index \`equipment_type_index\`(\`type\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`repair_steps\` drop foreign key \`repair_steps_ticket_id_foreign\`;`);

    this.addSql(`alter table \`equipment_downtimes\` drop foreign key \`equipment_downtimes_ticket_id_foreign\`;`);

    this.addSql(`alter table \`maintenance_tasks\` drop foreign key \`maintenance_tasks_plan_id_foreign\`;`);

    this.addSql(`alter table \`maintenance_cycles\` drop foreign key \`maintenance_cycles_plan_id_foreign\`;`);

    this.addSql(`drop table if exists \`equipment_notices\`;`);

    this.addSql(`drop table if exists \`repair_tickets\`;`);

    this.addSql(`drop table if exists \`repair_steps\`;`);

    this.addSql(`drop table if exists \`maintenance_plans\`;`);

    this.addSql(`drop table if exists \`maintenance_tasks\`;`);

    this.addSql(`drop table if exists \`maintenance_cycles\`;`);

    this.addSql(`drop table if exists \`equipment_downtimes\`;`);

    this.addSql(`alter table \`equipment\` drop index \`equipment_type_index\`;`);
    this.addSql(`alter table \`equipment\` drop column \`location\`, drop column \`model\`, drop column \`commissioned_on\`;`);
  }

}
